#!/usr/bin/env python3
"""What a Mailman 2 list does to a single-part text body it decorates: the list's default footer (Mailman 2's
msg_footer: "%(real_name)s mailing list / %(real_name)s@%(host_name)s / %(web_page_url)slistinfo%(cgiext)s/%(_internal_name)s")
appended to the first text part, the subject_prefix "[support-l] " and the list headers (Mailman/Handlers/CookHeaders.py).
Usage: mailmanfooter.py SIGNED.eml > LIST.eml (SIGNED: a whole message whose first leaf is text/plain)."""
import re, sys

msg = open(sys.argv[1], "rb").read().decode("utf-8").replace("\r\n", "\n")
head, body = msg.split("\n\n", 1)
footer = ("_______________________________________________\n"
          "Support-l mailing list\nSupport-l@lists.example.org\nhttps://lists.example.org/mailman/listinfo/support-l\n")
boundary = re.search(r'boundary="([^"]+)"', head).group(1)
first, rest = body.split("\n--" + boundary + "\n", 2)[1:], None
parts = body.split("\n--" + boundary)
# parts[1] is the signed text part: "\nheaders\n\ntext"; the footer goes at the end of its text
parts[1] = parts[1].rstrip("\n") + "\n\n" + footer
body = ("\n--" + boundary).join(parts)
head = re.sub(r"^Subject: ", "Subject: [support-l] ", head, flags=re.M)
head += ("\nList-Id: Support list <support-l.lists.example.org>\nList-Post: <mailto:support-l@lists.example.org>\n"
         "X-BeenThere: support-l@lists.example.org\nX-Mailman-Version: 2.1.39\nPrecedence: list\n"
         "Sender: \"Support-l\" <support-l-bounces@lists.example.org>")
sys.stdout.write(head + "\n\n" + body)
