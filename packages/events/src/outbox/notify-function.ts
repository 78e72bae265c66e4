// The outbox trigger function's first body, as CreateOutboxAndInbox wrote it: kept apart so that
// OutboxNotifyWindow's `down` can put it back without the two migrations importing each other.
export const FIRST_NOTIFY_BODY = `$$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM outbox WHERE seq < (SELECT min(seq) FROM inserted))
           AND pg_try_advisory_xact_lock(hashtext('pcc_outbox_notify')) THEN
          PERFORM pg_notify('pcc_outbox', '');
        END IF;
        RETURN NULL;
      END $$`;
