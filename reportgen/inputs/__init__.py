"""Find and read the inputs: workbooks read bounded in a child process, the staff's text."""
