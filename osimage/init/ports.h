/* Named virtio-serial ports (/sys/class/virtio-ports/vportNpM/name -> /dev/vportNpM). */
#ifndef SPIN_INIT_PORTS_H
#define SPIN_INIT_PORTS_H

/* Opens the port the host named name with open flags. Ports and their names arrive
 * from the host through virtio control messages handled by a kernel work queue, so
 * just after boot a port can be missing or unnamed: while a virtio console device is
 * bound to its driver the first search is retried for up to a second (later ones are
 * not: the host names all its ports together). Returns the descriptor, or -1 if there
 * is no such port. */
int port_open(const char *name, int flags);

#endif
