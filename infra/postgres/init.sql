-- Run once by the postgres container on an empty data directory (docker-entrypoint-initdb.d).
-- Same list as create-databases.sh: one database per service, never shared.
CREATE DATABASE pcc_organizations;
CREATE DATABASE pcc_cases;
CREATE DATABASE pcc_planning;
CREATE DATABASE pcc_waste;
