"""HTTP routers: thin — parse, call one service function, return."""
