"""The judge: sandboxed execution of submissions, comparison and diagnosis."""
