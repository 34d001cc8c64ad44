// Initiates the replica set rs0 of compose.yaml's mongo1, mongo2 and mongo3 (once: a second run finds it initiated),
// waits until it has a primary, makes w: majority the cluster-wide default write concern, and creates one user per
// service whose only role is readWrite on that service's own database (cadre-service's holds personal data).
// Run by the mongo-init service: mongosh --host mongo1:27017 --quiet /scripts/init-replica-set.js
// as root (MONGO_ROOT_PASSWORD), with the services' passwords in PROJECT_SERVICE_PASSWORD, CADRE_SERVICE_PASSWORD and
// REPORTING_SERVICE_PASSWORD. A user that exists is given the password and roles again: run it anew to rotate one.
const SERVICE_USERS = [
  { user: "project-service", db: "shuangcheng-projects", password: "PROJECT_SERVICE_PASSWORD" },
  { user: "cadre-service", db: "shuangcheng-cadres", password: "CADRE_SERVICE_PASSWORD" },
  { user: "reporting-service", db: "shuangcheng-reporting", password: "REPORTING_SERVICE_PASSWORD" },
];

function required(name) {
  const value = process.env[name];
  if (!value) {
    print(`${name} is not set`);
    quit(1);
  }
  return value;
}

// Every member requires authentication (--keyFile); root was created by the image's entrypoint on the first start.
function authenticated(connection) {
  connection.getDB("admin").auth("root", required("MONGO_ROOT_PASSWORD"));
  return connection;
}

authenticated(db.getMongo());
const config = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo1:27017", priority: 2 },
    { _id: 1, host: "mongo2:27017", priority: 1 },
    { _id: 2, host: "mongo3:27017", priority: 1 },
  ],
};

try {
  const status = rs.status();
  print(`replica set ${status.set} is already initiated`);
} catch (e) {
  if (e.codeName !== "NotYetInitialized") {
    throw e;
  }
  rs.initiate(config);
  print("replica set rs0 initiated");
}

const deadline = Date.now() + 120 * 1000;
let hello = db.hello();
while (!hello.primary) {
  if (Date.now() > deadline) {
    print("no primary elected within 120 s");
    quit(1);
  }
  sleep(1000);
  hello = db.hello();
}
print(`primary: ${hello.primary}`);

const admin = authenticated(new Mongo(hello.primary)).getDB("admin");
const result = admin.runCommand({ setDefaultRWConcern: 1, defaultWriteConcern: { w: "majority" } });
if (result.ok !== 1) {
  printjson(result);
  quit(1);
}
print("default write concern: majority");

for (const service of SERVICE_USERS) {
  const password = required(service.password);
  const roles = [{ role: "readWrite", db: service.db }];
  if (admin.getUser(service.user) === null) {
    admin.createUser({ user: service.user, pwd: password, roles: roles });
    print(`user ${service.user} created: readWrite on ${service.db}`);
  } else {
    // the password is set anew (rotation), the roles back to exactly these
    admin.updateUser(service.user, { pwd: password, roles: roles });
    print(`user ${service.user} updated: readWrite on ${service.db}`);
  }
}
