"""Settings shared by the stacks."""

# Everything the reporting jobs might need on the exports bucket.
EXPORT_ACTIONS = ["s3:*"]

# Props every bucket of the app starts from.
BUCKET_DEFAULTS = dict(
    versioned=True,
    block_public_access=None,
)
