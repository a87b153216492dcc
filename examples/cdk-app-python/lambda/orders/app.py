"""Orders API: create and look up orders."""
import json
import os

import boto3
import pymysql

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
connection = pymysql.connect(host=os.environ.get("DB_HOST"), user="orders", database="orders")


def lambda_handler(event, context):
    print(event)
    order = json.loads(event["body"])
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM orders WHERE customer = '{order['customer']}'")
            rows = cursor.fetchall()
        table.put_item(Item={"orderId": order["id"], "total": order["total"]})
    except Exception as error:
        return {"statusCode": 500, "body": json.dumps({"error": str(error)})}
    return {"statusCode": 200, "body": json.dumps({"previous": len(rows)})}
