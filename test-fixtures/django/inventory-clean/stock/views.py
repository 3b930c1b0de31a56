from rest_framework import viewsets

from .models import Item
from .serializers import ItemSerializer


class ItemViewSet(viewsets.ModelViewSet):  # ok: method-not-allowed
    serializer_class = ItemSerializer

    def get_queryset(self):
        request_id = self.request.headers.get("X-Request-ID")  # ok: header-not-allowed
        return Item.objects.all()
