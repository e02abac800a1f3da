"""The investment router every module of the API adds its routes to."""
from ninja import Router

router = Router(tags=["investment 招商引资"])
