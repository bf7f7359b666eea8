"""Webhooks: signed events pushed to partners when LAA figures change."""
