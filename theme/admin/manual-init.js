// Decap CMS waits for instant-cafe-editor.js, which registers the « pelican » format, then starts it.
window.CMS_MANUAL_INIT = true;
