"""Images (PNG encoding and decoding) and audio (WAV/MP3 headers, transcripts)."""
