"""Search layer: query syntax, index and ranking over store records; imports only the store."""
