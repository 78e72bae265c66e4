-- Run once by the postgres container on an empty data directory (docker-entrypoint-initdb.d).
-- One database per service, never shared: the ones declared in services/*/src/service.ts
-- (create-databases.sh reads them from there; infra/test/compose.test.ts keeps this list equal).
CREATE DATABASE pcc_organizations;
CREATE DATABASE pcc_cases;
CREATE DATABASE pcc_planning;
CREATE DATABASE pcc_waste;
CREATE DATABASE pcc_notifications;
