// cjmap preview: shows the maps the server has rendered and follows its
// server-sent events.  A change swaps each page's picture in place once the
// new one has loaded: no reload, so zoom and scroll stay as they were.
// While a journey is invalid its last good map stays, dimmed, under the
// diagnostics.  The state of the page is on <body data-state data-version>
// (what the tests wait for).
"use strict";
(function() {
var files = [];
var zoom = Number(sessionStorage.getItem("cjmap-zoom")) || 1;
var fit = sessionStorage.getItem("cjmap-fit") === "1";
var $ = function(id) { return document.getElementById(id); };

function current() {
    var m = /^#f=(\d+)$/.exec(location.hash);
    if (m) return Number(m[1]);
    return files.length === 1 ? 0 : -1;
}

function text(tag, cls, s) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (s !== undefined) e.textContent = s;
    return e;
}

function showErrors(f) {
    var box = $("errors");
    box.textContent = "";
    if (!f || !f.diagnostics.length) {
        box.hidden = true;
        return;
    }
    var n = f.errors;
    box.appendChild(text("h2", "",
                         f.name + ": " + n + (n === 1 ? " error" : " errors") +
                             (f.pages ? " — showing the last good map" : "")));
    f.diagnostics.forEach(function(d) {
        var p = text("div", "diag " + d.severity);
        p.appendChild(text("span", "where", d.file + ":" + d.line + ":" + d.column + ": "));
        p.appendChild(text("span", "sev", d.severity + ": "));
        p.appendChild(text("span", "msg", d.message));
        if (d.source) p.appendChild(text("pre", "", d.source));
        box.appendChild(p);
    });
    box.hidden = false;
}

// A page's width at the current zoom (or fitted to the window).
function widthFor(img) {
    var w = Number(img.dataset.w) || img.naturalWidth;
    return (fit ? Math.min($("view").clientWidth - 32, w) : w * zoom) + "px";
}

function applyZoom() {
    $("pages").querySelectorAll("img").forEach(function(img) { img.style.width = widthFor(img); });
    /* the scale shown: the zoom, or what fitting the width came to */
    var img = $("pages").querySelector("img"), shown = zoom;
    if (fit && img) shown = parseFloat(img.style.width) / (Number(img.dataset.w) || 1);
    $("zoom-reset").textContent = Math.round(shown * 100) + "%";
    $("zoom-fit").classList.toggle("on", fit);
    sessionStorage.setItem("cjmap-zoom", String(zoom));
    sessionStorage.setItem("cjmap-fit", fit ? "1" : "0");
}

// Swaps page k's picture for version v once it has loaded.
function setPage(i, k, f) {
    var pages = $("pages");
    var img = pages.children[k];
    var src = "/map/" + i + "/" + (k + 1) + ".svg?v=" + f.version;
    if (img && img.dataset.src === src) return Promise.resolve();
    return new Promise(function(done) {
        var next = new Image();
        next.alt = f.name + ", page " + (k + 1);
        next.onload = next.onerror = function() {
            next.dataset.src = src;
            next.dataset.w = String(next.naturalWidth);
            next.style.width = widthFor(next); /* sized before it goes in: scroll stays */
            if (pages.children[k])
                pages.replaceChild(next, pages.children[k]);
            else
                pages.appendChild(next);
            done();
        };
        next.src = src;
    });
}

function showIndex() {
    var nav = $("index");
    nav.textContent = "";
    files.forEach(function(f, i) {
        var a = text("a", f.errors ? "error" : "");
        a.href = "#f=" + i;
        a.appendChild(text("strong", "", f.name));
        a.appendChild(text("div", "",
                           f.errors ? f.errors + (f.errors === 1 ? " error" : " errors")
                                    : f.pages + (f.pages === 1 ? " page" : " pages")));
        if (f.pages) {
            var img = new Image();
            img.alt = f.name;
            img.src = "/map/" + i + "/1.svg?v=" + f.version;
            a.appendChild(img);
        }
        nav.appendChild(a);
    });
    nav.hidden = false;
    $("view").hidden = true;
    $("errors").hidden = true;
    $("name").textContent = files.length + " journeys";
    $("status").textContent = "";
    document.body.dataset.state = "index";
}

function show() {
    var i = current();
    if (i < 0 || i >= files.length) {
        showIndex();
        return;
    }
    var f = files[i];
    $("index").hidden = true;
    $("view").hidden = false;
    $("name").textContent = f.name;
    showErrors(f);
    var jobs = [];
    for (var k = 0; k < f.pages; k++)
        jobs.push(setPage(i, k, f));
    var pages = $("pages");
    while (pages.children.length > f.pages)
        pages.removeChild(pages.lastChild);
    Promise.all(jobs).then(function() {
        if (files[i] !== f) return; /* a newer state came meanwhile */
        $("status").textContent =
            f.errors ? (f.errors === 1 ? "1 error" : f.errors + " errors") + " in the last save"
                     : (f.pages === 1 ? "1 page" : f.pages + " pages") + ", updated " +
                           new Date().toLocaleTimeString();
        document.body.dataset.version = String(f.version);
        document.body.dataset.state = f.errors ? "error" : "ok";
    });
}

function update(state) {
    files = state.files;
    show();
}

function load() {
    fetch("/state", {cache : "no-store"}).then(function(r) { return r.json(); }).then(update);
}

var es = new EventSource("/events");
es.addEventListener("state", function(e) { update(JSON.parse(e.data)); });
es.onerror = function() { $("status").textContent = "the preview server is not answering…"; };
es.onopen = load;
window.addEventListener("hashchange", show);
window.addEventListener("resize", function() {
    if (fit) applyZoom();
});
$("zoom-in").onclick = function() {
    fit = false;
    zoom = Math.min(zoom * 1.25, 8);
    applyZoom();
};
$("zoom-out").onclick = function() {
    fit = false;
    zoom = Math.max(zoom / 1.25, 0.1);
    applyZoom();
};
$("zoom-reset").onclick = function() {
    fit = false;
    zoom = 1;
    applyZoom();
};
$("zoom-fit").onclick = function() {
    fit = true;
    applyZoom();
};
document.addEventListener("keydown", function(e) {
    if (e.target.tagName === "INPUT") return;
    if (e.key === "+" || e.key === "=")
        $("zoom-in").onclick();
    else if (e.key === "-")
        $("zoom-out").onclick();
    else if (e.key === "0")
        $("zoom-reset").onclick();
    else if (e.key === "w")
        $("zoom-fit").onclick();
});
load();
})();
