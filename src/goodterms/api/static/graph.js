// The people around a person, drawn with Cytoscape.js (static/vendor/cytoscape.min.js) from the
// API's graph neighbourhood (GET /api/graph?name=NAME&limit=N: nodes with `centre` and `together`,
// edges with `kind` relation or verdict, from the centre and between the others, `more_edges`
// pairs left out; those between
// the others are drawn thinner, so the star stays readable): nodes are people, edges relations
// labelled with their type, coloured by the pair's verdict (good/bad/mixed/unknown); a pair with
// evidence but no relation gets a plain verdict edge. Clicking or tapping a person or an edge
// opens the pair page. The page lists the same connections as links (for the keyboard, screen
// readers, and without JavaScript). Cytoscape draws names on a canvas: never markup.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  var layoutChoice = document.getElementById("graph-layout");
  if (!box) { return; }
  var centre = box.getAttribute("data-name");
  var limit = box.getAttribute("data-limit") || "100";
  var source = box.getAttribute("data-source") || "/api/graph";
  var COLOURS = { good: "#1a7f37", bad: "#c62828", mixed: "#b26a00", unknown: "#6b7280" };

  function say(text) { if (status) { status.textContent = text; } }
  function pairUrl(a, b) { return "/pair?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b); }
  function personUrl(name) { return "/person?name=" + encodeURIComponent(name); }
  function verdictOf(edge) { return COLOURS[edge.verdict] ? edge.verdict : "unknown"; }

  function layoutOptions(name, count) {
    var options = { name: name, animate: false, fit: true, padding: 24 };
    if (name === "concentric") {
      options.concentric = function (node) { return node.data("centre") ? 2 : 1; };
      options.levelWidth = function () { return 1; };
      options.minNodeSpacing = count > 150 ? 4 : (count > 30 ? 12 : 60);
    } else if (name === "breadthfirst") {
      options.roots = box.cy.nodes().filter(function (n) { return n.data("centre") === 1; });
    } else if (name === "cose") {
      options.numIter = count > 200 ? 300 : 1000;
      options.nodeRepulsion = function () { return 8000; };
    }
    return options;
  }

  function draw(body) {
    var nodes = body.nodes || [], edges = body.edges || [];
    if (typeof window.cytoscape !== "function") {
      say("The drawing is not available (the graph library is missing); the connections are listed below.");
      return null;
    }
    var big = nodes.length > 150;
    var elements = [];
    nodes.forEach(function (n) {
      elements.push({ group: "nodes", data: { id: n.id, name: n.name, together: n.together || 1,
                                              centre: n.centre ? 1 : 0 } });
    });
    var pairKey = function (e) { return [e.source, e.target].sort().join("\u0000"); };
    var verdicts = {}, related = {};
    edges.forEach(function (e) {
      if (e.kind === "verdict") { verdicts[pairKey(e)] = verdictOf(e); } else { related[pairKey(e)] = true; }
    });
    edges.forEach(function (e, i) {
      var key = pairKey(e);
      if (e.kind === "verdict" && related[key]) { return; }  // its relation edges carry the colour
      var between = e.source !== body.centre && e.target !== body.centre ? 1 : 0;
      elements.push({ group: "edges", data: { id: "edge" + i, source: e.source, target: e.target, kind: e.kind, between: between,
        label: e.kind === "relation" ? e.type + (e.status === "former" ? " (former)" : "") : "",
        colour: COLOURS[verdicts[key] || "unknown"] } });
    });
    var cy = window.cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      style: [
        { selector: "node", style: { "label": "data(name)", "font-size": 11, "text-valign": "bottom",
          "text-margin-y": 3, "background-color": "#4b5563", "width": "mapData(together, 1, 30, 12, 40)",
          "height": "mapData(together, 1, 30, 12, 40)", "min-zoomed-font-size": big ? 9 : 0,
          "text-wrap": "ellipsis", "text-max-width": 120 } },
        { selector: "node[centre = 1]", style: { "background-color": "#1d4ed8", "font-weight": "bold",
          "font-size": 13, "width": 44, "height": 44 } },
        { selector: "edge", style: { "line-color": "data(colour)", "width": 3, "curve-style": big ? "haystack" : "bezier",
          "label": "data(label)", "font-size": 9, "text-rotation": "autorotate", "color": "#374151",
          "min-zoomed-font-size": 8 } },
        { selector: "edge[kind = 'verdict']", style: { "line-style": "dashed" } },
        { selector: "edge[between = 1]", style: { "width": 1.5, "opacity": 0.75, "font-size": 8 } },
        { selector: ":selected", style: { "overlay-color": "#1d4ed8", "overlay-opacity": 0.2 } }
      ]
    });
    box.cy = cy;  // for tests and the browser console
    // A few people fitted to the box would be drawn huge: no closer than life size after a layout.
    cy.on("layoutstop", function () { if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); } });
    var chosen = layoutChoice && layoutChoice.value ? layoutChoice.value : "concentric";
    cy.layout(layoutOptions(chosen, nodes.length)).run();
    cy.on("tap", "node", function (event) {
      var name = event.target.data("name");
      window.location.assign(event.target.data("centre") ? personUrl(name) : pairUrl(centre, name));
    });
    cy.on("tap", "edge", function (event) {
      var edge = event.target;
      window.location.assign(pairUrl(edge.source().data("name"), edge.target().data("name")));
    });
    if (layoutChoice) {
      layoutChoice.addEventListener("change", function () {
        cy.layout(layoutOptions(layoutChoice.value, nodes.length)).run();
      });
    }
    return cy.edges().length;
  }

  say("Loading the people around " + centre + "…");
  fetch(source + "?limit=" + encodeURIComponent(limit) + "&name=" + encodeURIComponent(centre),
        { headers: { "Accept": "application/json" } })
    .then(function (response) {
      return response.json().then(function (body) { return [response, body]; });
    })
    .then(function (pair) {
      var response = pair[0], body = pair[1];
      if (!response.ok) { say((body.error && body.error.message) || ("HTTP " + response.status)); return; }
      var nodes = body.nodes || [];
      var drawn = draw(body);
      if (drawn !== null) {
        say(nodes.length + " people, " + drawn + " connections drawn" +
            (body.more ? " (" + body.more + " more not shown)" : "") +
            (body.more_edges ? "; " + body.more_edges + " more ties between them left out" : "") + ".");
      }
    })
    .catch(function () { say("Could not load the graph."); });
})();
