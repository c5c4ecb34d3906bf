import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{n as i,o as a,r as o,u as s}from"./usePageTitle-CNuGqkbR.js";import{t as c}from"./audience-D9BouUUZ.js";var l=e(t(),1),u=n(),d=a(`
  query AudienceOptions {
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          region
        }
      }
    }
  }
`),f=a(`
  query DealerSearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),p={all:!0,channels:[],tiers:[],territories:[],dealers:[]};function m(e){return{all:e.all,channels:e.channels,tiers:e.tiers,territories:e.territories,dealers:e.dealers}}function h(e){return e.all?{all:!0}:{all:!1,channelIDs:e.channels.map(e=>e.id),tiers:e.tiers,territoryIDs:e.territories.map(e=>e.id),dealerIDs:e.dealers.map(e=>e.id)}}function g(e){return o(e.field).name.split(`.`)[0]===`audience`}function _(e,t,n){return t.filter(g).map(t=>t.code===`INVALID_INPUT`?n??e(`errors.field.audience`):t.code===`FORBIDDEN`?e(`audience.picker.forbidden`):t.code===`NOT_FOUND`?e(`audience.picker.notFound`):i(e,t))[0]}function v(e,t,n){return e.some(e=>n(e,t))?e.filter(e=>!n(e,t)):[...e,t]}function y({legend:e,attr:t,items:n,chosen:r,flip:i}){return(0,u.jsxs)(`fieldset`,{children:[(0,u.jsx)(`legend`,{children:e}),n.map(e=>(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`checkbox`,[t]:e.mark,checked:r(e.key),onChange:()=>i(e.key)}),` `,e.label]},e.key))]})}function b({value:e,onChange:t,error:n,legend:i}){let{t:a,i18n:o}=r(),p=(0,l.useId)(),[{data:m}]=s({query:d}),[h,g]=(0,l.useState)(``),[{data:_}]=s({query:f,variables:{q:h},pause:h.trim().length<2}),b=(m?.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),x=(m?.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),S=(_?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),C=(e,t)=>e.id===t.id,w=n=>t({...e,...n});return(0,u.jsxs)(`fieldset`,{className:`audience-picker`,children:[(0,u.jsx)(`legend`,{children:i??a(`audience.picker.legend`)}),(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`all`,checked:e.all,onChange:()=>w({all:!0})}),` `,a(`audience.all`)]}),(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`choose`,checked:!e.all,onChange:()=>w({all:!1})}),` `,a(`audience.picker.choose`)]}),!e.all&&(0,u.jsxs)(`div`,{className:`audience-dimensions`,children:[(0,u.jsx)(y,{legend:a(`audience.picker.channels`),attr:`data-channel`,items:b.map(e=>({key:e.id,mark:e.name,label:e.name})),chosen:t=>e.channels.some(e=>e.id===t),flip:t=>w({channels:v(e.channels,b.find(e=>e.id===t),C)})}),(0,u.jsx)(y,{legend:a(`audience.picker.tiers`),attr:`data-tier`,items:[1,2].map(e=>({key:String(e),mark:String(e),label:a(`tier.${e}`)})),chosen:t=>e.tiers.includes(Number(t)),flip:t=>w({tiers:v(e.tiers,Number(t),(e,t)=>e===t)})}),(0,u.jsx)(y,{legend:a(`audience.picker.territories`),attr:`data-territory`,items:x.map(e=>({key:e.id,mark:e.name,label:(0,u.jsxs)(u.Fragment,{children:[e.name,` `,(0,u.jsxs)(`span`,{className:`muted`,children:[`(`,e.region,`)`]})]})})),chosen:t=>e.territories.some(e=>e.id===t),flip:t=>w({territories:v(e.territories,x.find(e=>e.id===t),C)})}),(0,u.jsxs)(`fieldset`,{children:[(0,u.jsx)(`legend`,{children:a(`audience.picker.namedDealers`)}),e.dealers.length>0&&(0,u.jsx)(`ul`,{className:`chips`,children:e.dealers.map(t=>(0,u.jsxs)(`li`,{children:[t.name,` `,(0,u.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":a(`audience.picker.removeDealer`,{name:t.name}),onClick:()=>w({dealers:e.dealers.filter(e=>e.id!==t.id)}),children:`×`})]},t.id))}),(0,u.jsx)(`label`,{htmlFor:p,children:a(`audience.picker.findDealer`)}),(0,u.jsx)(`input`,{id:p,type:`search`,value:h,onChange:e=>g(e.target.value)}),S.length>0&&(0,u.jsx)(`ul`,{className:`links dealer-candidates`,children:S.filter(t=>!e.dealers.some(e=>e.id===t.id)).map(t=>(0,u.jsx)(`li`,{children:(0,u.jsxs)(`button`,{type:`button`,className:`button button-quiet`,"data-dealer":t.name,onClick:()=>w({dealers:[...e.dealers,{id:t.id,name:t.name}]}),children:[`+ `,t.name,` `,(0,u.jsx)(`span`,{className:`muted mono`,children:t.code})]})},t.id))})]})]}),(0,u.jsxs)(`p`,{className:`audience-summary`,children:[a(`audience.picker.appliesTo`),` `,(0,u.jsx)(`strong`,{children:c(a,e,o.language===`zh`?`zh-CN`:`en`)})]}),n&&(0,u.jsx)(`p`,{className:`field-error`,role:`alert`,children:n})]})}export{h as a,_ as i,f as n,p as o,m as r,g as s,b as t};