package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"strconv"
)

// keepAliveClient is a minimal HTTP/1.1 load generator for one connection,
// in the manner of wrk: it sends prepared requests and reads each reply by
// its Content-Length. Go's http.Client costs as much CPU per request as a
// small handler, and on a two-core machine the load generator shares the
// cores with the server it measures; a lean client leaves them to the
// server.
type keepAliveClient struct {
	conn net.Conn
	r    *bufio.Reader
}

func dialKeepAlive(addr string) (*keepAliveClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &keepAliveClient{conn: conn, r: bufio.NewReaderSize(conn, 64<<10)}, nil
}

// getRequest is a prepared GET with a bearer token.
func getRequest(path, token string) []byte {
	return []byte("GET " + path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n")
}

// do sends a prepared request and reads the whole response, returning its
// status.
func (c *keepAliveClient) do(request []byte) (int, error) {
	if _, err := c.conn.Write(request); err != nil {
		return 0, err
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	fields := bytes.Fields(line)
	if len(fields) < 2 {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	status, err := strconv.Atoi(string(fields[1]))
	if err != nil {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	length := -1
	for {
		h, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		h = bytes.TrimRight(h, "\r\n")
		if len(h) == 0 {
			break
		}
		if name, value, ok := bytes.Cut(h, []byte(":")); ok && bytes.EqualFold(name, []byte("Content-Length")) {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(value))); err != nil {
				return 0, fmt.Errorf("bad Content-Length %q", value)
			}
		}
	}
	if length < 0 {
		return 0, fmt.Errorf("response without Content-Length")
	}
	_, err = c.r.Discard(length)
	return status, err
}

func (c *keepAliveClient) close() error { return c.conn.Close() }

// dialClients opens one keep-alive connection per client, handed out
// through the channel; closeAll closes them.
func dialClients(addr string) (chan *keepAliveClient, func(), error) {
	conns := make(chan *keepAliveClient, clients)
	var all []*keepAliveClient
	closeAll := func() {
		for _, c := range all {
			c.close()
		}
	}
	for range clients {
		c, err := dialKeepAlive(addr)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		all = append(all, c)
		conns <- c
	}
	return conns, closeAll, nil
}
