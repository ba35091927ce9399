#!/usr/bin/env python3
"""A plain-text WebSocket chat client, as the seed's Rust chat (experiments 1.1-1.3) speaks it:
each line read from standard input goes out as one text frame, and each text frame that comes
in is printed as one line. Written with Python's `websockets` (Debian: python3-websockets), a
client no one on this project wrote, to show that plain-text clients work with the server.

Usage: plain_chat_client.py ws://127.0.0.1:8080
"""
import asyncio
import sys

import websockets


async def chat(uri):
    async with websockets.connect(uri, open_timeout=10) as socket:
        print("* open", flush=True)
        loop = asyncio.get_running_loop()

        async def send_lines():
            while True:
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    await socket.close()
                    return
                await socket.send(line.rstrip("\n"))

        async def print_frames():
            async for frame in socket:
                print(frame, flush=True)

        await asyncio.gather(send_lines(), print_frames())
    print("* closed", flush=True)


if __name__ == "__main__":
    asyncio.run(chat(sys.argv[1]))
