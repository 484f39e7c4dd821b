console.log('logferry');
