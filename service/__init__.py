"""storywatch: a news event-stream monitor that alerts only on genuinely new developments."""
