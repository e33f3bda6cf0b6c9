"""What the report says: views of the facts, the narrative context, rendered through Jinja."""
