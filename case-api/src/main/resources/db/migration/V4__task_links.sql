-- task_link keeps a snapshot of each user task of a case, so the case's task list survives the task's end
-- and Camunda's history cleanup. Open tasks are read live from the engine; this is what remains afterwards.
ALTER TABLE task_link ADD COLUMN task_name VARCHAR(255);
ALTER TABLE task_link ADD COLUMN assignee VARCHAR(100);
ALTER TABLE task_link ADD COLUMN candidate_groups VARCHAR(1000);     -- comma-separated group ids
ALTER TABLE task_link ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE task_link ADD COLUMN follow_up_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE task_link ADD COLUMN form_key VARCHAR(255);
ALTER TABLE task_link ADD COLUMN form_ref VARCHAR(255);             -- Camunda Form id (camunda:formRef)
ALTER TABLE task_link ADD COLUMN form_ref_binding VARCHAR(20);
ALTER TABLE task_link ADD COLUMN form_ref_version INTEGER;
ALTER TABLE task_link ADD COLUMN ended_by VARCHAR(100);
CREATE INDEX ix_task_link_instance ON task_link (process_instance_id);
