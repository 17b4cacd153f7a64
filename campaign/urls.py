from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import share_card
from home.sitemaps import TranslatedSitemap
from signatories import embed, open_data

from . import views
from .caching import route_memo

# The error page must render with the database down, so it is not Django's default view.
handler500 = views.server_error

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon_ico, name="favicon_ico"),
    path("signatories.json", open_data.signatories_json, name="signatories_json"),
    path("signatories.csv", open_data.signatories_csv, name="signatories_csv"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, so it must come last. English pages stay
# at / and Spanish ones are under /es/; the admin, documents and open data above are the same
# in every language, so they have no prefix.
urlpatterns += i18n_patterns(
    # The widget partners frame, in each language (/embed/, /es/embed/).
    path("embed/", embed.embed_widget, name="embed"),
    # The share image the site draws (/share-card.png, /es/share-card.png).
    path("share-card.png", share_card.share_card_image, name="share_card"),
    # Wagtail's page view with its routes remembered between changes (caching.route_memo);
    # first, so it answers for the same paths Wagtail's own pattern would.
    re_path(wagtail_urls.serve_pattern, route_memo.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
