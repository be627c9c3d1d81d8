// An ioredis client that counts the commands it sends (each one request to the server, so at
// most one round trip), for round-trip figures without MONITOR. Every command, pipelined
// or not, goes through Redis#sendCommand, so wrapping that one method counts them all.
import { Redis } from 'ioredis'

export function countingClient(redisUrl, options = {}) {
  const client = new Redis(redisUrl, options)
  const counter = { commands: 0, client }
  const send = client.sendCommand.bind(client)
  client.sendCommand = (command, ...rest) => {
    counter.commands++
    return send(command, ...rest)
  }
  return counter
}
