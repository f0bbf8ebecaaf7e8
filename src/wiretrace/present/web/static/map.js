/* wiretrace place map: Leaflet over the bundled boundaries (basemap.js); tiles only when the user set a tile URL.
   Written for wiretrace. Reads its data from the map element's data- attributes (server-escaped JSON) and puts
   text into the page only through textContent, never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var points = JSON.parse(el.getAttribute("data-points") || "[]");
  var tiles = el.getAttribute("data-tiles") || "";
  var map = L.map(el, { zoomSnap: 0.5, attributionControl: true });
  var main = points.filter(function (p) { return p.main; })[0];
  /* frame the place and its neighbours within ~5 degrees; farther ones (Moscow, Kyiv) appear on zooming out */
  var bounds = points.filter(function (p) {
    return !main || (Math.abs(p.lat - main.lat) < 5 && Math.abs(p.lon - main.lon) < 7);
  }).map(function (p) { return [p.lat, p.lon]; });
  /* the view first: Leaflet draws vector layers only on a map that has one */
  if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 }); }
  else if (bounds.length === 1) { map.setView(bounds[0], 7); }
  else { map.setView([48.5, 35], 5); }
  map.attributionControl.setPrefix(false);
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "" }).addTo(map);
    var credit = el.getAttribute("data-attribution");
    if (credit) { map.attributionControl.addAttribution(credit.replace(/[<>&"]/g, "")); }
  }
  var base = window.WIRETRACE_BASEMAP;
  if (base) {
    L.geoJSON(base.countries, { interactive: false, style: { color: "#8a8a8a", weight: 1, fillColor: "#f4f1ea", fillOpacity: tiles ? 0 : 1 } }).addTo(map);
    L.geoJSON(base.oblasts, { interactive: false, style: { color: "#b5b5b5", weight: 0.7, fill: false } }).addTo(map);
    map.attributionControl.addAttribution(base.attribution);
  }
  points.forEach(function (p) {
    var m = L.circleMarker([p.lat, p.lon], {
      radius: p.main ? 9 : 4 + Math.min(6, Math.sqrt(p.count || 1)),
      color: p.main ? "#b3261e" : "#20303f", weight: 2, fillOpacity: 0.6
    }).addTo(map);
    var label = document.createElement("span");
    label.textContent = p.name + (p.count ? " (" + p.count + ")" : "");
    m.bindTooltip(label);
    if (p.href && !p.main) {
      m.on("click", function () { window.location.href = p.href; });
    }
  });
  el.setAttribute("data-ready", "1");
}());
