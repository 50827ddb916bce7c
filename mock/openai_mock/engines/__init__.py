"""What the mock computes: text generation, sampling, tokenizers, embeddings, moderation, the model catalog."""
