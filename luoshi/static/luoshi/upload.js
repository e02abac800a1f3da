/* Moves the upload form's progress bar as htmx sends the file. */
document.body.addEventListener("htmx:xhr:progress", function (evt) {
  var bar = document.querySelector("#upload-progress progress");
  if (bar && evt.detail.lengthComputable) { bar.value = evt.detail.loaded / evt.detail.total * 100; }
});
