// The works map: markers of works (blue) and models (green) from the page's JSON; tiles only
// when the server is configured with a tile URL, otherwise a blank map labelled with commune names.
(function () {
  "use strict";
  function start() {
    var holder = document.getElementById("works-map");
    var data = document.getElementById("works-points");
    var config = document.getElementById("works-map-config");
    if (!holder || !data || !config || typeof L === "undefined") {
      return;
    }
    var points = JSON.parse(data.textContent);
    var settings = JSON.parse(config.textContent);
    var map = L.map(holder, { zoomControl: true, attributionControl: Boolean(settings.tiles) });
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { maxZoom: 18, attribution: settings.attribution || "" }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lng], {
        radius: 8,
        color: point.kind === "work" ? "#1d4ed8" : "#15803d",
        fillOpacity: 0.7,
        className: "works-marker works-marker-" + point.kind,
      }).addTo(map);
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      popup.appendChild(link);
      var detail = document.createElement("div");
      detail.textContent = [point.label, point.place, point.status].filter(Boolean).join(" · ");
      popup.appendChild(detail);
      marker.bindPopup(popup);
      if (!settings.tiles && point.place) {
        marker.bindTooltip(point.place, { permanent: true, direction: "right", className: "works-place" });
      }
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
    } else {
      map.setView([16.46, 107.59], 9); // Huế when nothing has coordinates yet
    }
    holder.setAttribute("data-markers", String(points.length));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
