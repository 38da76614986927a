-- Inbound processing state of a message (docs/conversations.md, "Processing").
-- sender_name: the display name the channel gave the sender (ciphertext like sender), kept until the contact exists.
-- correlated_at: when the case process took the message (or the case was started from it); a message attached to a
-- case whose process was not waiting stays RECEIVED with this unset and is retried.
ALTER TABLE message ADD COLUMN sender_name TEXT;
ALTER TABLE message ADD COLUMN correlated_at TIMESTAMP WITH TIME ZONE;
