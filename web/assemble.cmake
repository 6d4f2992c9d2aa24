# Assembles the playground into one folder any static server can host (cmake -P; called
# by web/CMakeLists.txt): the page and its modules, the C API wrapper and the container
# driver shared with the npm package (node/lib/c-api.js, node/lib/driver.js), the wasm
# bundle, the guest kernel, xterm.js from
# web/node_modules, and assets.json naming bundle and kernel with a content version (the
# runtime caches them under those URLs: a new build is fetched once, then never again).
# Inputs: SOURCE (web/), OUT, BUNDLE_DIR, KERNEL, NODE_LIB.
foreach(var SOURCE OUT BUNDLE_DIR KERNEL NODE_LIB)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "assemble.cmake needs -D${var}=...")
  endif()
endforeach()
set(xterm "${SOURCE}/node_modules/@xterm")
if(NOT EXISTS "${xterm}/xterm/lib/xterm.js" OR NOT EXISTS "${xterm}/addon-fit/lib/addon-fit.js")
  message(FATAL_ERROR "xterm.js is missing from ${SOURCE}/node_modules: run scripts/setup.sh")
endif()

file(MAKE_DIRECTORY "${OUT}/lib" "${OUT}/examples" "${OUT}/vendor")
foreach(file index.html playground.css playground.js spin-web.js)
  file(COPY_FILE "${SOURCE}/${file}" "${OUT}/${file}" ONLY_IF_DIFFERENT)
endforeach()
if(NOT EXISTS "${OUT}/config.json")  # the operator's to edit in the built folder
  file(COPY_FILE "${SOURCE}/config.json" "${OUT}/config.json")
endif()
file(GLOB modules "${SOURCE}/lib/*.js")
foreach(file ${modules})
  get_filename_component(name "${file}" NAME)
  file(COPY_FILE "${file}" "${OUT}/lib/${name}" ONLY_IF_DIFFERENT)
endforeach()
file(COPY_FILE "${NODE_LIB}/c-api.js" "${OUT}/lib/c-api.js" ONLY_IF_DIFFERENT)
file(COPY_FILE "${NODE_LIB}/driver.js" "${OUT}/lib/driver.js" ONLY_IF_DIFFERENT)
file(COPY_FILE "${SOURCE}/examples/embed.html" "${OUT}/examples/embed.html" ONLY_IF_DIFFERENT)
file(COPY_FILE "${xterm}/xterm/lib/xterm.js" "${OUT}/vendor/xterm.js" ONLY_IF_DIFFERENT)
file(COPY_FILE "${xterm}/xterm/css/xterm.css" "${OUT}/vendor/xterm.css" ONLY_IF_DIFFERENT)
file(COPY_FILE "${xterm}/addon-fit/lib/addon-fit.js" "${OUT}/vendor/addon-fit.js" ONLY_IF_DIFFERENT)
file(COPY_FILE "${BUNDLE_DIR}/spin-web-bundle.mjs" "${OUT}/spin-web-bundle.mjs" ONLY_IF_DIFFERENT)
file(COPY_FILE "${BUNDLE_DIR}/spin-web-bundle.wasm" "${OUT}/spin-web-bundle.wasm" ONLY_IF_DIFFERENT)
file(COPY_FILE "${KERNEL}" "${OUT}/Image" ONLY_IF_DIFFERENT)

file(SHA256 "${OUT}/spin-web-bundle.wasm" bundle_hash)
file(SHA256 "${OUT}/Image" kernel_hash)
string(SUBSTRING "${bundle_hash}" 0 16 bundle_hash)
string(SUBSTRING "${kernel_hash}" 0 16 kernel_hash)
file(WRITE "${OUT}/assets.json.new"
     "{\"bundle\": \"spin-web-bundle.wasm?v=${bundle_hash}\", \"kernel\": \"Image?v=${kernel_hash}\"}\n")
file(COPY_FILE "${OUT}/assets.json.new" "${OUT}/assets.json" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}/assets.json.new")
