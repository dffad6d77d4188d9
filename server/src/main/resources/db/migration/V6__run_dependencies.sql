-- What each run built and from what (acb's dependency report, as JSON): base-image triggers read it.
ALTER TABLE runs ADD COLUMN dependencies TEXT;
