#!/usr/bin/env python3
"""Write an mbox for `Portal bench-batch` with Python's mailbox module (mboxo, as formail or Thunderbird would file it).

usage: make-mbox.py LIST_FILE OUT.mbox [COUNT]

LIST_FILE names one message per line (corpusA.txt from ../shared/bench/gen_big.py); the messages are taken in order,
again and again, until COUNT (default 10000) have been written.
"""
import mailbox, os, sys

paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
out, count = sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10000
if os.path.exists(out):
    os.remove(out)
box = mailbox.mbox(out)
box.lock()
for i in range(count):
    with open(paths[i % len(paths)], 'rb') as message:
        box.add(message.read())  # bytes are filed as they are (From-quoted, line ends as the platform writes them)
box.flush()
box.unlock()
box.close()
print(f"{out}: {count} messages from {len(paths)} files, {os.path.getsize(out) / 1e6:.2f} MB")
