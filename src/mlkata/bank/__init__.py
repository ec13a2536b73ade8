"""Problem folders, one per problem. This package holds data only; the judge never
mounts it inside the sandbox, so submissions cannot read answers from here."""
