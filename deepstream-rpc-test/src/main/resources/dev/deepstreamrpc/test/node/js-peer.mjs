// A remote-controlled official deepstream JS client, driven by JsClient over JSON lines.
//
// stdin:  {"id":1,"op":"login","url":"ws://...","authData":{...},"options":{...}}
//         {"id":2,"op":"provide","name":"n","behaviour":{"type":"echo"}}
//         {"id":3,"op":"unprovide","name":"n"}
//         {"id":4,"op":"make","name":"n","data":<json>}   (no "data" key = undefined)
//         {"id":5,"op":"close"}
// stdout: {"id":1,"ok":true,"value":<json>} or {"id":1,"ok":false,"error":<json>}
//         (no "value" key = undefined)
//         {"event":"state","state":"OPEN"}, {"event":"error",...}, {"event":"request",...}
// Everything else the process prints goes to stderr, so stdout carries only protocol lines.

import { createInterface } from 'node:readline';
import { format } from 'node:util';
import clientPackage from '@deepstream/client';

const { DeepstreamClient, C } = clientPackage;
const ACK_TIMEOUT_MS = 10000;

function log(...args) {
  process.stderr.write(`${new Date().toISOString()} ${format(...args)}\n`);
}
console.log = console.info = console.warn = console.error = console.debug = log;

function emit(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function reply(id, ok, key, value) {
  const message = { id, ok };
  if (value !== undefined) {
    message[key] = value;
  }
  emit(message);
}

function describe(error) {
  return error instanceof Error ? error.message : error;
}

process.on('uncaughtException', (error) => {
  log('uncaught exception', error);
  emit({ event: 'uncaught', message: String(error && error.message ? error.message : error) });
});

let client = null;
const sentSubscriptions = new Map();
const waiters = new Map();

function waiterKey(action, name) {
  return `${action}:${name}`;
}

function awaitAck(id, action, name) {
  const key = waiterKey(action, name);
  const timer = setTimeout(() => settle(key, false, 'ACK_TIMEOUT'), ACK_TIMEOUT_MS);
  waiters.set(key, { id, timer });
}

function settle(key, ok, error) {
  const waiter = waiters.get(key);
  if (waiter) {
    clearTimeout(waiter.timer);
    waiters.delete(key);
    reply(waiter.id, ok, 'error', ok ? undefined : error);
  }
}

function observeSubscriptionReply(message) {
  if (message.topic !== C.TOPIC.RPC) {
    return;
  }
  if (message.isAck) {
    const sent = sentSubscriptions.get(message.correlationId);
    if (sent) {
      sentSubscriptions.delete(message.correlationId);
      sent.names.forEach((name) => settle(waiterKey(sent.action, name), true));
    }
    return;
  }
  const denied = message.action === C.RPC_ACTION.MESSAGE_DENIED
    || message.action === C.RPC_ACTION.MESSAGE_PERMISSION_ERROR;
  if (denied && (message.originalAction === C.RPC_ACTION.PROVIDE
    || message.originalAction === C.RPC_ACTION.UNPROVIDE)) {
    settle(waiterKey(message.originalAction, message.name), false, C.RPC_ACTION[message.action]);
  }
}

function instrument(deepstream) {
  const connection = deepstream.services.connection;
  const sendMessage = connection.sendMessage.bind(connection);
  connection.sendMessage = (message) => {
    const subscription = message.topic === C.TOPIC.RPC
      && (message.action === C.RPC_ACTION.PROVIDE || message.action === C.RPC_ACTION.UNPROVIDE);
    if (subscription && message.correlationId !== undefined) {
      sentSubscriptions.set(message.correlationId, { action: message.action, names: message.names });
    }
    return sendMessage(message);
  };
  const registry = deepstream.services.timeoutRegistry;
  const remove = registry.remove.bind(registry);
  registry.remove = (message) => {
    observeSubscriptionReply(message);
    return remove(message);
  };
}

function sum(data) {
  const a = data && (data.numA !== undefined ? data.numA : data.a);
  const b = data && (data.numB !== undefined ? data.numB : data.b);
  return typeof a === 'number' && typeof b === 'number' ? a + b : undefined;
}

const BEHAVIOURS = {
  echo: (data, response) => response.send(data),
  reject: (data, response) => response.reject(),
  error: (data, response, requestor, behaviour) => response.error(behaviour.message),
  sum: (data, response) => {
    const result = sum(data);
    if (result === undefined) {
      response.error('INVALID_ARGUMENT');
    }
    else {
      response.send(result);
    }
  },
  requestor: (data, response, requestor) => response.send({
    requestorName: requestor && requestor.requestorName !== undefined ? requestor.requestorName : null,
    requestorData: requestor && requestor.requestorData !== undefined ? requestor.requestorData : null
  }),
  noAutoAck: (data, response) => {
    response.autoAccept = false;
  },
  acceptWithoutResponse: (data, response) => response.accept(),
  delayedEcho: (data, response, requestor, behaviour) => {
    setTimeout(() => response.send(data), behaviour.delayMs);
  }
};

function provider(name, behaviour) {
  const handle = BEHAVIOURS[behaviour.type];
  return (data, response, requestor) => {
    const request = { event: 'request', name, data };
    if (requestor) {
      request.requestorName = requestor.requestorName;
      request.requestorData = requestor.requestorData;
    }
    emit(request);
    handle(data, response, requestor, behaviour);
  };
}

const COMMANDS = {
  login: (command) => {
    const options = Object.assign({ subscriptionInterval: 0 }, command.options || {});
    client = new DeepstreamClient(command.url, options);
    instrument(client);
    client.on('connectionStateChanged', (state) => emit({ event: 'state', state }));
    client.on('error', (error, event, topic) => {
      log('client error', error, event, topic);
      emit({ event: 'error', error: String(describe(error)), kind: event, topic });
    });
    client.login(command.authData || {}).then(
      (clientData) => reply(command.id, true, 'value', clientData),
      (reason) => reply(command.id, false, 'error', reason === undefined ? null : reason));
  },
  provide: (command) => {
    if (!BEHAVIOURS[command.behaviour.type]) {
      reply(command.id, false, 'error', `unknown behaviour ${command.behaviour.type}`);
      return;
    }
    if (client.rpc.providerNames().includes(command.name)) {
      reply(command.id, false, 'error', `RPC ${command.name} already registered`);
      return;
    }
    awaitAck(command.id, C.RPC_ACTION.PROVIDE, command.name);
    client.rpc.provide(command.name, provider(command.name, command.behaviour));
  },
  unprovide: (command) => {
    if (!client.rpc.providerNames().includes(command.name)) {
      reply(command.id, true);
      return;
    }
    awaitAck(command.id, C.RPC_ACTION.UNPROVIDE, command.name);
    client.rpc.unprovide(command.name);
  },
  make: (command) => {
    const call = 'data' in command
      ? client.rpc.make(command.name, command.data)
      : client.rpc.make(command.name);
    call.then(
      (value) => reply(command.id, true, 'value', value),
      (error) => reply(command.id, false, 'error', describe(error)));
  },
  close: (command) => {
    if (client) {
      client.close();
    }
    reply(command.id, true);
    process.stdout.write('', () => process.exit(0));
  }
};

function dispatch(line) {
  let command;
  try {
    command = JSON.parse(line);
  }
  catch (error) {
    log('not a command', line);
    return;
  }
  try {
    const run = COMMANDS[command.op];
    if (!run) {
      reply(command.id, false, 'error', `unknown op ${command.op}`);
      return;
    }
    if (command.op !== 'login' && command.op !== 'close' && !client) {
      reply(command.id, false, 'error', 'not logged in');
      return;
    }
    run(command);
  }
  catch (error) {
    for (const [key, waiter] of waiters) {
      if (waiter.id === command.id) {
        clearTimeout(waiter.timer);
        waiters.delete(key);
      }
    }
    reply(command.id, false, 'error', String(describe(error)));
  }
}

const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', dispatch);
input.on('close', () => process.exit(0));
