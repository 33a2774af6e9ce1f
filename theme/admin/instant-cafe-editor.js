/* The staff editor of L'instant CAFÉ: Pelican's content files, read and written as a person writes them.

   A file is a block of « Key: value » lines, a blank line, then the text. Keys keep their spelling and
   the order of the editor's fields, an empty value stays « Key: », and the text after the blank line
   is given back exactly as it was: a save that changes nothing changes no byte. */
(function () {
  "use strict";
  var KEY = /^ {0,3}([A-Za-z0-9_-]+):[ \t]*(.*)$/;
  var CONTINUATION = /^ {4,}(.*)$/;

  function fromFile(content) {
    var end = content.indexOf("\n\n");
    var head = end < 0 ? content.replace(/\n$/, "") : content.slice(0, end);
    var data = {};
    var last = null;
    head.split("\n").forEach(function (line) {
      var key = KEY.exec(line);
      var more = CONTINUATION.exec(line);
      if (key) {
        last = key[1];
        data[last] = key[2].trim();
      } else if (more && last) {
        data[last] = (data[last] + " " + more[1].trim()).trim();
      }
    });
    data.body = end < 0 ? "" : content.slice(end + 2);
    return data;
  }

  // Decap hands the keys in no reliable order (an Immutable map of more than eight keys loses its
  // insertion order): they are written in the order of the collection's fields, others after them.
  function toFile(data, sortedKeys) {
    var lines = [];
    var known = (sortedKeys || []).filter(function (key) { return key in data; });
    var others = Object.keys(data).filter(function (key) { return known.indexOf(key) < 0; });
    known.concat(others).forEach(function (key) {
      var value = data[key];
      if (key === "body" || value === undefined || value === null) return;
      value = String(value).replace(/\s*\n\s*/g, " ").trim();
      lines.push(value ? key + ": " + value : key + ":");
    });
    return lines.join("\n") + "\n\n" + (data.body || "");
  }

  var format = { fromFile: fromFile, toFile: toFile };
  if (typeof module !== "undefined") {
    module.exports = format; // tests/test_editor_format.py runs it in Node
    return;
  }
  // The page's <main> holds only the message for browsers without JavaScript; Decap brings its own.
  var fallback = document.getElementById("sans-javascript");
  if (fallback) fallback.remove();
  window.CMS.registerCustomFormat("pelican", "md", format);
  window.CMS.registerPreviewStyle("../theme/css/site.css");
  window.CMS.init();
})();
