from django.core.management.base import BaseCommand

from luoshi.workplan.services import escalate_overdue_notices


class Command(BaseCommand):
    help = "督办通知逾期未回复的,报牵头领导(可每隔几分钟运行,不会重复)。"

    def handle(self, *args, **options):
        self.stdout.write(f"逾期未回复的督办通知报牵头领导 {escalate_overdue_notices()} 条")
