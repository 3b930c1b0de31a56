from django.conf import settings
from django.http import JsonResponse


class DeviceKeyMiddleware:
    """Rejects requests that do not carry the kiosk's device key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and request.headers.get("X-Device-Key") != settings.DEVICE_KEY:
            return JsonResponse({"detail": "unknown device"}, status=401)
        return self.get_response(request)
