-- When the sender first saw a receiver take part: progress.receiversJoined counts these, so a host
-- dropped or cancelled before it joined is not counted.
ALTER TABLE session_receiver ADD COLUMN joined_at TIMESTAMPTZ;
UPDATE session_receiver SET joined_at = updated_at WHERE state IN ('JOINED', 'RECEIVING', 'COMPLETED');
