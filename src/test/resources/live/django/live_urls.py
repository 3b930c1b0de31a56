"""The URLconf of every live Django fixture: one view that answers 200 to any method and path."""
from django.http import HttpResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def answer(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [re_path(r"", answer)]
