"""The per-user judge service: one warm engine shared by every face (CLI, watch, web, notebook).

location.py  where its socket lives, made private (0700 folder, 0600 socket)
protocol.py  JSON frames on the socket, the build id of the handshake
server.py    the service process: accepts local clients of this user, checks, warms problems, idles out
warm.py      the background warm-up: every problem's trusted outcomes computed into the disk cache
client.py    what faces call: check through the service, start or replace it, else check in-process
"""
