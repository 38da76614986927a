-- An anonymous case is opened without identifying its caller and can never be given a contact.
ALTER TABLE case_record ADD COLUMN anonymous BOOLEAN DEFAULT FALSE NOT NULL;
