"""nhiemvu: giao và theo dõi nhiệm vụ từ văn bản chỉ đạo."""

__version__ = "0.1.0"
