"""The pipeline's steps as plain functions: landing, normalize, dedupe, load, closing, publish."""
