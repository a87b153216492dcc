"""Renders a small HTML report of an order."""
import html
import subprocess


def main(event, context):
    name = event["queryStringParameters"]["name"]
    archive = event["queryStringParameters"]["archive"]
    subprocess.run(f"tar -czf /tmp/{archive}.tgz /tmp/report", shell=True, check=False)
    page = f"<h1>Report for {name}</h1><p>{html.escape(archive)}</p>"
    return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": page}
