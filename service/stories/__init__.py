"""Stories: which story an article belongs to, what the story already knows, what is new."""
