#!/usr/bin/env python3
"""A small orders service: an API, its functions, their data and network.

The stacks carry mistakes from every rule family on purpose, so that `slsguard scan` has
something to say about each. Do not deploy it.
"""
import aws_cdk as cdk

from stacks.api_stack import ApiStack
from stacks.legacy_stack import LegacyStack
from stacks.template_port_stack import TemplatePortStack
from stacks.assistant_stack import AssistantStack
from stacks.http_api_stack import HttpApiStack
from stacks.network_stack import NetworkStack
from stacks.orders_stack import OrdersStack
from stacks.sharing_stack import SharingStack

app = cdk.App()
network = NetworkStack(app, "NetworkStack")
orders = OrdersStack(app, "OrdersStack", vpc=network.vpc)
ApiStack(app, "ApiStack", orders_fn=orders.orders_fn)
LegacyStack(app, "LegacyStack", vpc=network.vpc)
TemplatePortStack(app, "TemplatePortStack")
AssistantStack(app, "AssistantStack")
SharingStack(app, "SharingStack")
HttpApiStack(app, "HttpApiStack")
app.synth()
