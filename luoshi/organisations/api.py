from ninja import Router

router = Router(tags=["organisations 组织"])
