-- When the analysis of an inbound message was started (or deliberately not: its case was closed). A message that
-- joined a case and has none is picked up again by MessageAnalysisSweep, so a failed start is retried, not lost.
ALTER TABLE message ADD COLUMN analysis_at TIMESTAMP WITH TIME ZONE;
-- Messages processed before this column existed were handled by the trigger of their time.
UPDATE message SET analysis_at = updated_at WHERE direction = 'INBOUND' AND case_id IS NOT NULL;
CREATE INDEX ix_message_analysis_pending ON message (analysis_at, created_at);
