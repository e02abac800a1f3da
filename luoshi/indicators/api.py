from ninja import Router

router = Router(tags=["indicators 指标"])
