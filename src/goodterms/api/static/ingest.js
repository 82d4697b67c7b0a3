// The ingest form with progress: the files go to POST /api/ingest with the token as a Bearer
// header, then GET /api/ingest/ID is polled until the job is done. Without this file the form
// posts to /ingest and the job's page reloads itself.
(function () {
  "use strict";
  var form = document.getElementById("ingest-form");
  if (!form) { return; }
  var box = document.getElementById("ingest-progress");
  var bar = document.getElementById("ingest-bar");
  var status = document.getElementById("ingest-status");
  var rejects = document.getElementById("ingest-rejects");

  function say(text) { status.textContent = text; }

  function showJob(job) {
    bar.max = job.total || 1;
    bar.value = job.done;
    var text = job.state + ": " + job.done + " of " + job.total + " done · stored " + job.stored +
      ", skipped " + job.skipped + ", re-analysed " + job.reanalysed + ", rejected " + job.rejected;
    if (job.entities !== null && job.entities !== undefined) { text += " · " + job.entities + " people in the store"; }
    if (job.error) { text += " · " + job.error; }
    say(text);
    rejects.textContent = "";
    (job.rejects || []).forEach(function (message) {
      var li = document.createElement("li");
      li.textContent = message;
      rejects.appendChild(li);
    });
  }

  function poll(id) {
    fetch("/api/ingest/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.error && job.error.message) { say(job.error.message); return; }
        showJob(job);
        if (["done", "failed", "interrupted"].indexOf(job.state) < 0) { window.setTimeout(function () { poll(id); }, 700); }
      })
      .catch(function () { say("Lost contact with the server; reload to see the job."); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = form.elements.token.value;
    var data = new FormData();
    var files = form.elements.files.files;
    for (var i = 0; i < files.length; i++) { data.append("files", files[i], files[i].name); }
    box.hidden = false;
    say("Sending " + files.length + " file" + (files.length === 1 ? "" : "s") + "…");
    fetch("/api/ingest", { method: "POST", body: data, headers: { "Authorization": "Bearer " + token } })
      .then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
      .then(function (pair) {
        var response = pair[0], body = pair[1];
        if (!response.ok) { say((body.error && body.error.message) || ("refused: HTTP " + response.status)); return; }
        showJob(body);
        poll(body.id);
      })
      .catch(function () { say("The server did not answer."); });
  });
})();
