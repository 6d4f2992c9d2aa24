# Third-party C libraries, compiled from the Debian source packages that
# scripts/fetch-sources.sh unpacked into SPIN_DEPS_DIR (never from copies in this
# repository). Each becomes a static library target, built the same way for every preset.

set(SPIN_ZLIB_SRC "${SPIN_DEPS_DIR}/src/zlib")
set(SPIN_CJSON_SRC "${SPIN_DEPS_DIR}/src/cjson")
foreach(dir IN ITEMS "${SPIN_ZLIB_SRC}" "${SPIN_CJSON_SRC}")
  if(NOT EXISTS "${dir}/.fetched")
    message(FATAL_ERROR "${dir} is missing: run scripts/setup.sh (or scripts/fetch-sources.sh)")
  endif()
endforeach()

set(spin_zlib_files adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c
    gzwrite.c infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c)
list(TRANSFORM spin_zlib_files PREPEND "${SPIN_ZLIB_SRC}/")
add_library(spin_zlib STATIC ${spin_zlib_files})
target_include_directories(spin_zlib SYSTEM PUBLIC "${SPIN_ZLIB_SRC}")
target_compile_options(spin_zlib PRIVATE -w)
target_compile_definitions(spin_zlib PRIVATE HAVE_UNISTD_H HAVE_STDARG_H)

add_library(spin_cjson STATIC "${SPIN_CJSON_SRC}/cJSON.c")
target_include_directories(spin_cjson SYSTEM PUBLIC "${SPIN_CJSON_SRC}")
target_compile_options(spin_cjson PRIVATE -w)

# lwIP: the user-mode TCP/IP stack of src/net (IPv4, ARP, TCP, UDP, ICMP; raw API, no
# threads), configured by src/net/lwip/lwipopts.h and ported by src/net/lwip/arch/cc.h.
set(SPIN_LWIP_SRC "${SPIN_DEPS_DIR}/src/lwip")
if(NOT EXISTS "${SPIN_LWIP_SRC}/.fetched")
  message(FATAL_ERROR "${SPIN_LWIP_SRC} is missing: run scripts/setup.sh (or scripts/fetch-sources.sh)")
endif()
set(spin_lwip_files core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c
    core/netif.c core/pbuf.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c core/tcp_out.c
    core/timeouts.c core/udp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c
    core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c netif/ethernet.c)
list(TRANSFORM spin_lwip_files PREPEND "${SPIN_LWIP_SRC}/src/")
add_library(spin_lwip STATIC ${spin_lwip_files})
target_include_directories(spin_lwip SYSTEM PUBLIC "${SPIN_LWIP_SRC}/src/include"
                           "${PROJECT_SOURCE_DIR}/src/net/lwip")
target_compile_options(spin_lwip PRIVATE -w)
