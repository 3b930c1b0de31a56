from django.http import JsonResponse
from rest_framework import viewsets

from .models import Account
from .serializers import AccountSerializer


def partner_from(request):
    key = request.headers["X-Partner-Key"]
    return Account.objects.get(api_key=key)


class AccountViewSet(viewsets.ModelViewSet):
    serializer_class = AccountSerializer

    def get_queryset(self):
        return Account.objects.filter(partner=partner_from(self.request))


def ping(request):
    return JsonResponse({"ok": True})
